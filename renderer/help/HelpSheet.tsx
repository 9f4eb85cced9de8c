import { useTranslation } from 'react-i18next';
import { helpSheet } from '../app/shortcuts';
import { Dialog } from '../ui/Dialog';

/** The keyboard shortcuts (?), grouped as the officer meets them. */
export function HelpSheet({ onClose }: Readonly<{ onClose: () => void }>) {
  const { t } = useTranslation();
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Dialog title={t('help.title')} onClose={onClose} testId="help" size="wide">
      <div className="dialog__body help">
        {helpSheet(mac).map((group) => (
          <section key={group.group} className="help__group">
            <h3 className="help__title">{t(`help.groups.${group.group}`)}</h3>
            <dl className="help__list">
              {group.entries.map((entry) => (
                <div key={entry.key} className="help__row" data-testid={`help-${entry.key}`}>
                  <dt>{t(`help.keys.${entry.key}`)}</dt>
                  <dd>
                    {entry.keys.map((chord, i) => (
                      <span key={i} className="help__chord">
                        {i > 0 ? <span className="muted"> / </span> : null}
                        {chord.map((key, k) => (
                          <span key={k}>
                            {k > 0 ? '+' : null}
                            <kbd>{key}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
