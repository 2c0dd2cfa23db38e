// Route table: maps the current pathname to a page inside the shared layout.
import type { ReactNode } from 'react';
import { Header } from './components/Header';
import { Footer } from './components/Footer';
import { usePathname } from './router';
import { Catalogue } from './pages/Catalogue';
import { ProductPage } from './pages/Product';
import { Cart } from './pages/Cart';
import { Shipping } from './pages/Shipping';
import { Payment } from './pages/Payment';
import { Confirmation } from './pages/Confirmation';
import { SizeGuide } from './pages/SizeGuide';
import { NotFound } from './pages/NotFound';

function route(pathname: string): ReactNode {
  const productMatch = /^\/product\/([^/]+)\/?$/.exec(pathname);
  if (productMatch) return <ProductPage id={decodeURIComponent(productMatch[1])} />;
  switch (pathname.replace(/(.)\/$/, '$1')) {
    case '/':
      return <Catalogue />;
    case '/cart':
      return <Cart />;
    case '/checkout/shipping':
      return <Shipping />;
    case '/checkout/payment':
      return <Payment />;
    case '/checkout/confirmation':
      return <Confirmation />;
    case '/size-guide':
      return <SizeGuide />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const pathname = usePathname();
  return (
    <div className="layout">
      <Header />
      {/* key resets page state (forms, local toggles) on SPA navigation, like a real page load would. */}
      <main className="page" key={pathname}>
        {route(pathname)}
      </main>
      <Footer />
    </div>
  );
}
