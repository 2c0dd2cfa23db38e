// Submit button of the payment form.
export function PayButton() {
  return (
    <button type="submit" className="btn btn-primary btn-large" data-testid="pay-now">
      Pay now
    </button>
  );
}
