/** Who may open the branch reports: the core refuses everyone else, the renderer hides the entry. */
import type { Role } from '../domain.js';

export function canViewReports(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}
