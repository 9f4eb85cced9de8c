import { useTranslation } from 'react-i18next';
import type { Screen } from './registry';

/** The main screens the officer may switch between, in the header; nothing for a single one. */
export function ScreenSwitcher({
  screens,
  current,
  onChoose,
}: Readonly<{
  screens: readonly Screen[];
  current: string | null;
  onChoose: (id: string) => void;
}>) {
  const { t } = useTranslation();
  if (screens.length === 0) return null;
  return (
    <nav className="segmented screen-switcher" aria-label={t('screens.label')}>
      {screens.map((screen) => (
        <button
          key={screen.id}
          type="button"
          className="segmented__option"
          aria-current={screen.id === current ? 'page' : undefined}
          onClick={() => onChoose(screen.id)}
          data-testid={`screen-${screen.id}`}
        >
          <screen.icon width={15} height={15} />
          {t(screen.label)}
        </button>
      ))}
    </nav>
  );
}
