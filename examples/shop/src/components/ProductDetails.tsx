// Long-form product copy: description, materials, specifications and delivery information.
import type { Product } from '../products';

const SPECS: Array<[string, string]> = [
  ['Fit', 'Regular, true to size'],
  ['Composition', '100% natural fibre, certified supply chain'],
  ['Origin', 'Made in Portugal'],
  ['Care', 'Cool wash, dry flat, do not tumble dry'],
  ['Weight', 'Mid-weight, suitable all year round'],
  ['Packaging', 'Recycled and plastic-free'],
];

export function ProductDetails({ product }: { product: Product }) {
  return (
    <section className="product-details">
      <h2>About the {product.name}</h2>
      <p>
        {product.blurb} Designed in our studio and produced in small batches with partners we have worked with for
        over a decade, it is made to be worn often and repaired rather than replaced.
      </p>
      <p>
        Every panel is cut individually so that patterns line up at the seams, and every seam is finished to stop
        fraying. The result is a garment that looks sharp on day one and softens into something personal over the
        years.
      </p>
      <h3>Materials &amp; care</h3>
      <p>
        We choose fibres for longevity first. Wash less, air more: most stains brush out once dry, and a day on a
        hanger by an open window refreshes the fabric better than a hot wash ever could.
      </p>
      <h3>Specifications</h3>
      <table className="spec-table">
        <tbody>
          {SPECS.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Delivery</h3>
      <p>
        Orders placed before 2 pm ship the same working day. Standard delivery takes two to four working days within
        the EU; express delivery is available at checkout.
      </p>
    </section>
  );
}
