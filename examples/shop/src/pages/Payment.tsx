// Payment step: card form whose action charges the card, places the order and moves to the confirmation.
import { cartTotalCents, loadShipping, placeOrder, useCart } from '../cart';
import { CheckoutSteps } from '../components/CheckoutSteps';
import { Field } from '../components/Field';
import { formatPrice } from '../format';
import { PayButton } from '../parts/PayButton';
import { navigate } from '../router';

// Stands in for the payment provider's round trip, which is slow in production.
const GATEWAY_LATENCY_MS = 4000;

function chargeCard(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, GATEWAY_LATENCY_MS));
}

async function pay(): Promise<void> {
  await chargeCard();
  placeOrder();
  navigate('/checkout/confirmation');
}

export function Payment() {
  const total = cartTotalCents(useCart());
  const shipping = loadShipping();
  return (
    <section className="checkout">
      <CheckoutSteps current={2} />
      <h1>Payment</h1>
      <p className="order-summary">
        {shipping ? `Delivering to ${shipping.fullName}, ${shipping.city}. ` : ''}
        Total to pay: <strong>{formatPrice(total)}</strong>
      </p>
      <form className="checkout-form" id="payment-form" action={pay}>
        <Field label="Name on card" name="cardName" autoComplete="cc-name" />
        <Field
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          pattern="[0-9 ]{12,23}"
          placeholder="1234 5678 9012 3456"
        />
        <div className="field-row">
          <Field label="Expiry" name="expiry" autoComplete="cc-exp" pattern="(0[1-9]|1[0-2])/[0-9]{2}" placeholder="MM/YY" />
          <Field label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" pattern="[0-9]{3,4}" />
        </div>
        <PayButton />
      </form>
    </section>
  );
}
