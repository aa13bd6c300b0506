// The payment step: card, easy pay and virtual account open PortOne's payment window through
// its browser SDK; bank transfer and payment on site submit the form as before.
// PortOne sends the shopper back to redirectUrl (phones), or the SDK's promise resolves
// (desktop): both end on the same return page, where the server asks PortOne for the payment.
import PortOne, {
  __INTERNAL__setPortOneSdkUrl as setWindowUrl,
} from "../vendor/portone/browser-sdk-v2.js";

const form = document.querySelector("[data-portone-form]");
const requests = JSON.parse(document.getElementById("portone-requests").textContent);
const button = form.querySelector("[data-pay-button]");
const error = form.querySelector("[data-portone-error]");

// Only the tests point the SDK at another payment window (the local fake PortOne).
if (form.dataset.windowUrl) setWindowUrl(form.dataset.windowUrl);

function chosen() {
  const input = form.querySelector("input[name=payment_method]:checked");
  return input ? input.value : "";
}

function showLabel() {
  button.textContent = requests[chosen()] ? button.dataset.payLabel : button.dataset.nextLabel;
}

function fail(message) {
  error.textContent = message || button.dataset.failed;
  error.hidden = false;
  button.disabled = false;
  button.focus();
}

form.addEventListener("change", showLabel);
showLabel();

form.addEventListener("submit", async (event) => {
  const request = requests[chosen()];
  if (!request) return;
  event.preventDefault();
  button.disabled = true;
  error.hidden = true;
  let response;
  try {
    response = await PortOne.requestPayment(request);
  } catch (problem) {
    fail();
    return;
  }
  if (!response || response.code !== undefined) {
    fail(response && response.message);
    return;
  }
  const back = new URL(request.redirectUrl);
  back.searchParams.set("paymentId", response.paymentId);
  window.location.assign(back.toString());
});
