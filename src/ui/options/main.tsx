/** Options page entry (issue #6 builds the settings on this shell). */
import { render } from 'preact';
import { t } from '../../platform/browser.ts';

function Options() {
  return (
    <main class="claimlens-options">
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  document.title = t('optionsHeading');
  render(<Options />, root);
}
