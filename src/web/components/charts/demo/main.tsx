/**
 * A page with every chart on made-up data, for trying the charts out and for e2e/charts.e2e.ts. It is its
 * own HTML entry, not a route of the app, so the production build (index.html) never contains it.
 * Open it with `npx vite` at /src/web/components/charts/demo/ (add ?lang=nn or ?lang=en).
 */
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import '../../../styles/app.css';
import { Heading } from '@digdir/designsystemet-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isLanguage, setLanguage, useLanguage } from '../../../i18n/index.js';
import { BarChart, ChangeChart, HeatmapTable, LineChart, StackedDistribution } from '../index.js';
import { demoFigures } from './fixtures.js';

const asked = new URLSearchParams(window.location.search).get('lang');
if (isLanguage(asked)) setLanguage(asked, false);

function Demo() {
  const figures = demoFigures(useLanguage());
  document.title = `Digikompass – ${figures.heading}`;
  return (
    <main className="site-main stack">
      <Heading level={1} data-size="lg">
        {figures.heading}
      </Heading>
      <BarChart {...figures.bar} />
      <BarChart {...figures.barCounts} />
      <StackedDistribution {...figures.stacked} />
      <StackedDistribution {...figures.stackedItem} />
      <HeatmapTable {...figures.heatmap} />
      <LineChart {...figures.line} />
      <ChangeChart {...figures.change} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
