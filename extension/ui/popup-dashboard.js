// The popup's "打开仪表盘 / Open dashboard" button: the service worker gets a one-time login
// code from the service and opens the dashboard (http://127.0.0.1:PORT/) in a new tab.
(function () {
  const button = document.getElementById("open-dashboard");
  button.addEventListener("click", async () => {
    const reply = await Hegai.ui.ask({ type: "open-dashboard" });
    if (reply.ok) {
      window.close();
      return;
    }
    const catalog = await Hegai.ui.catalog();
    button.title = catalog.t("dashboard_open_failed", Hegai.ui.errorText(catalog, reply));
    button.dataset.error = reply.status || reply.error || "error";
  });
})();
