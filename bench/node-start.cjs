// The program the bench times as "Node alone": nothing, started as klotho's bin is (a CommonJS file).
