const express = require("express");
const { pugsRouter } = require("./pugs");
const { adoptRouter } = require("./adopt");

const PORT = Number(process.env.PORT ?? 3000);

function setupExpressApp() {
  const app = express();
  const router = express.Router();
  router.use(express.json());
  return { app, router };
}

const { app, router } = setupExpressApp();
app.use(router);
app.use(pugsRouter);
app.use(adoptRouter);

/**
 * @klotho::expose {
 *   id = "api-gateway"
 *   target = "public"
 * }
 */
app.listen(PORT, () => {
  console.log(`Server listening on port ${PORT}`);
});

exports.app = app;
