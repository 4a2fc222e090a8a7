/** Popup entry (issue #6 builds the real claim list on this shell). */
import { render } from 'preact';
import { t } from '../../platform/browser.ts';

function Popup() {
  return (
    <main class="claimlens-popup">
      <h1>{t('popupHeading')}</h1>
      <p>{t('popupIntro')}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) render(<Popup />, root);
