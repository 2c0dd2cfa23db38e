// Adds an above-the-fold "Add to cart" so shoppers need not scroll past the reviews to buy.
import { BuyBox as PriceAndStock, type BuyBoxProps } from '../src/parts/BuyBox';

export type { BuyBoxProps };

export function BuyBox(props: BuyBoxProps) {
  return (
    <>
      <PriceAndStock {...props} />
      <button
        type="button"
        className="btn btn-primary btn-large"
        data-testid="add-to-cart-top"
        onClick={props.onAdd}
      >
        Add to cart
      </button>
    </>
  );
}
