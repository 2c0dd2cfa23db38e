// Shows the form action's pending state and blocks repeat submits while the card is being charged.
import { useFormStatus } from 'react-dom';

export function PayButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className="btn btn-primary btn-large"
      data-testid="pay-now"
      disabled={pending}
      aria-busy={pending}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending ? 'Processing payment…' : 'Pay now'}
    </button>
  );
}
