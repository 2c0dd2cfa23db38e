// Shipping step: collects the delivery address; the browser blocks submission until every field is valid.
import type { FormEvent } from 'react';
import { loadShipping, saveShipping, type ShippingDetails } from '../cart';
import { CheckoutSteps } from '../components/CheckoutSteps';
import { Field } from '../components/Field';
import { TaxReferenceField } from '../parts/TaxReferenceField';
import { navigate } from '../router';

const COUNTRIES = ['Germany', 'France', 'Netherlands', 'Spain', 'Italy', 'Ireland'];

export function Shipping() {
  const saved = loadShipping();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: keyof ShippingDetails) => String(data.get(key) ?? '');
    saveShipping({
      fullName: value('fullName'),
      email: value('email'),
      address: value('address'),
      city: value('city'),
      postcode: value('postcode'),
      country: value('country'),
    });
    navigate('/checkout/payment');
  };

  return (
    <section className="checkout">
      <CheckoutSteps current={1} />
      <h1>Shipping details</h1>
      <form className="checkout-form" id="shipping-form" onSubmit={submit}>
        <Field label="Full name" name="fullName" autoComplete="name" defaultValue={saved?.fullName} />
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={saved?.email} />
        <Field label="Street address" name="address" autoComplete="street-address" defaultValue={saved?.address} />
        <div className="field-row">
          <Field label="City" name="city" autoComplete="address-level2" defaultValue={saved?.city} />
          <Field label="Postcode" name="postcode" autoComplete="postal-code" defaultValue={saved?.postcode} />
        </div>
        <div className="field">
          <label htmlFor="country">Country</label>
          <select id="country" name="country" defaultValue={saved?.country ?? COUNTRIES[0]}>
            {COUNTRIES.map((country) => (
              <option key={country}>{country}</option>
            ))}
          </select>
        </div>
        <TaxReferenceField />
        <button type="submit" className="btn btn-primary btn-large">
          Continue to payment
        </button>
      </form>
    </section>
  );
}
