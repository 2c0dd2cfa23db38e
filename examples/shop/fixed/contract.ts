// Type-only check (never bundled): each replacement must be a drop-in for the module it shadows.
import type * as SrcBuyBox from '../src/parts/BuyBox';
import type * as SrcCoupons from '../src/parts/coupons';
import type * as SrcPayButton from '../src/parts/PayButton';
import type * as SrcReturnsBadge from '../src/parts/ReturnsBadge';
import type * as SrcSizeGuideLink from '../src/parts/SizeGuideLink';
import type * as SrcTaxReferenceField from '../src/parts/TaxReferenceField';
import type * as BuyBox from './BuyBox';
import type * as Coupons from './coupons';
import type * as PayButton from './PayButton';
import type * as ReturnsBadge from './ReturnsBadge';
import type * as SizeGuideLink from './SizeGuideLink';
import type * as TaxReferenceField from './TaxReferenceField';

type DropIn<Replacement extends Original, Original> = Replacement;

export type Contract = [
  DropIn<typeof BuyBox, typeof SrcBuyBox>,
  DropIn<typeof Coupons, typeof SrcCoupons>,
  DropIn<typeof PayButton, typeof SrcPayButton>,
  DropIn<typeof ReturnsBadge, typeof SrcReturnsBadge>,
  DropIn<typeof SizeGuideLink, typeof SrcSizeGuideLink>,
  DropIn<typeof TaxReferenceField, typeof SrcTaxReferenceField>,
];
