import type { ComponentType } from 'react';
import type { Role } from '../../../../shared/src/domain.js';

/** One tab of the back-office screen (F3). A feature lists its tabs in ./<feature>-tabs.ts. */
export interface OfficeTabDef {
  /** Stable id, used in test ids (`office-tab-<id>`) and by `openOffice(tab)`. */
  id: string;
  label: string;
  /** Tabs sort by this, then by label: stock work first, then sales corrections, then admin. */
  order: number;
  /** Whether a staff member of this role sees the tab (the core refuses the others anyway). */
  visible(role: Role): boolean;
  component: ComponentType;
  /** Optional hook giving a count shown beside the label (0 hides it), e.g. open stock alerts. */
  useBadge?: () => number;
}
