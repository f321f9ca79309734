import { useEffect } from 'preact/hooks';
import { useTexts } from '@web/console/console-context';
import { hrefOf, navigate } from '@web/console/router';
import { ADMIN_MESSAGES } from './admin-messages';
import { DeadLettersScreen } from './dead-letters-screen';
import { DeliveriesScreen } from './deliveries-screen';
import { StaffScreen } from './staff-screen';
import { WebhooksScreen } from './webhooks-screen';

const SECTIONS = [
  { name: 'staff', label: 'navStaff' },
  { name: 'webhooks', label: 'navWebhooks' },
  { name: 'deliveries', label: 'navDeliveries' },
  { name: 'dead-letters', label: 'navDeadLetters' },
] as const;
type SectionName = (typeof SECTIONS)[number]['name'];

function isSection(name: string | undefined): name is SectionName {
  return SECTIONS.some((section) => section.name === name);
}

/** Administration: its sections as tabs under one heading each; `/admin` opens the first. */
export function AdminScreen({ section, path }: { section: string | undefined; path: string }) {
  const t = useTexts(ADMIN_MESSAGES);
  const known = isSection(section);
  useEffect(() => {
    if (!known) navigate('/admin/staff');
  }, [known]);
  if (!known) return null;
  const nav = (
    <nav class="subnav" aria-label={t('areaNavigation')}>
      {SECTIONS.map((item) => (
        <a
          key={item.name}
          href={hrefOf(`/admin/${item.name}`)}
          aria-current={item.name === section ? 'page' : undefined}
        >
          {t(item.label)}
        </a>
      ))}
    </nav>
  );
  // Keyed by section, so each opens afresh (its heading takes the focus).
  switch (section) {
    case 'staff':
      return <StaffScreen key={section} nav={nav} />;
    case 'webhooks':
      return <WebhooksScreen key={section} nav={nav} />;
    case 'deliveries':
      return <DeliveriesScreen key={section} nav={nav} path={path} />;
    case 'dead-letters':
      return <DeadLettersScreen key={section} nav={nav} path={path} />;
  }
}
