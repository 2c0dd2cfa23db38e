// Tax reference input of the shipping form, validated by the browser's constraint validation.
import { useState, type FormEvent } from 'react';

const MESSAGE = 'Invalid format';

export function TaxReferenceField() {
  const [error, setError] = useState('');
  const flag = (event: FormEvent<HTMLInputElement>) => {
    event.currentTarget.setCustomValidity(MESSAGE);
    setError(MESSAGE);
  };
  return (
    <div className="field">
      <label htmlFor="tax-ref">Tax reference (required)</label>
      <input
        id="tax-ref"
        name="taxRef"
        required
        pattern="[A-Z]{2}[0-9]{2}-[0-9]{4}-[A-Z]"
        autoComplete="off"
        onInvalid={flag}
        onInput={(event) => event.currentTarget.setCustomValidity('')}
        onBlur={(event) => setError(event.currentTarget.validity.valid ? '' : MESSAGE)}
      />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
