// Progress indicator shared by the checkout pages.
const STEPS = ['Cart', 'Shipping', 'Payment', 'Done'];

export function CheckoutSteps({ current }: { current: number }) {
  return (
    <ol className="checkout-steps">
      {STEPS.map((step, index) => (
        <li key={step} className={index === current ? 'current' : index < current ? 'done' : undefined}>
          {step}
        </li>
      ))}
    </ol>
  );
}
