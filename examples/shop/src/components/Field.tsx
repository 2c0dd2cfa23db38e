// Labelled text input used by the checkout forms.
import type { InputHTMLAttributes } from 'react';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string };

export function Field({ label, name, id = name, ...input }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} required {...input} />
    </div>
  );
}
