import { useTranslation } from 'react-i18next';
import type { HelpGroup } from '../commands/registry';
import { Dialog } from '../ui/Dialog';

/** The keyboard shortcuts (?), grouped as the officer meets them (the registry's helpSheet). */
export function HelpSheet({
  groups,
  onClose,
}: Readonly<{ groups: readonly HelpGroup[]; onClose: () => void }>) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('help.title')} onClose={onClose} testId="help" size="wide">
      <div className="dialog__body help">
        {groups.map((group) => (
          <section key={group.group} className="help__group">
            <h3 className="help__title">{t(`help.groups.${group.group}`)}</h3>
            <dl className="help__list">
              {group.entries.map((entry) => (
                <div key={entry.key} className="help__row" data-testid={`help-${entry.key}`}>
                  <dt>{t(entry.label)}</dt>
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
