// Optional VAT number with a plain label, an example and validation that says what is wrong while typing; it
// takes the number however it is written (spaces, dashes and dots are ignored).
import { useState } from 'react';

const VAT_PATTERN = /^[A-Z]{2}[0-9A-Z]{2,12}$/;

function problem(value: string): string {
  if (value === '' || VAT_PATTERN.test(value.replace(/[\s.-]/g, '').toUpperCase())) return '';
  return 'Start with your two-letter country code, then the number, e.g. DE123456789.';
}

export function TaxReferenceField() {
  const [error, setError] = useState('');
  return (
    <div className="field">
      <label htmlFor="tax-ref">VAT number (optional, business orders only)</label>
      <p id="tax-ref-hint" className="field-hint">
        Only needed for a company invoice. Leave it blank for personal orders.
      </p>
      <input
        id="tax-ref"
        name="taxRef"
        autoComplete="off"
        placeholder="DE123456789"
        aria-describedby="tax-ref-hint tax-ref-error"
        aria-invalid={error !== ''}
        onChange={(event) => {
          const message = problem(event.target.value);
          event.target.setCustomValidity(message);
          setError(message);
        }}
      />
      <p id="tax-ref-error" className="field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
