import type { ProductForm, TaxCategory } from '../domain.js';
import { REMEDIES, TISSUE_SALTS } from '../remedies.js';

/** A product the demo catalogue may contain, before ids, barcodes and stock are assigned. */
export interface DemoProductSpec {
  remedy: string;
  potency: string;
  form: ProductForm;
  packSize: string;
  brand: string;
  taxCategory: TaxCategory;
  mrpPaise: number;
  /** Core items come first so every catalogue size holds the familiar range. */
  core: boolean;
}

export const BRANDS = ['SBL', 'Dr. Willmar Schwabe India', 'Dr. Reckeweg', 'Bakson', 'R.S. Bhargava', 'Boiron', 'Ralson', 'Adel', 'Wheezal', 'Haslab'] as const;
const CORE_BRANDS = ['SBL', 'Dr. Willmar Schwabe India', 'Dr. Reckeweg'];

const DILUTION_POTENCIES = ['6C', '30C', '200C', '1M', '10M'];
const EXTRA_POTENCIES = ['3X', '6X', '12X', '3C', '12C', '50M', 'CM', 'LM1', 'LM2', 'LM3', 'LM6'];

/** Title case as printed on labels: "Arnica montana" → "Arnica Montana". */
export function labelName(remedy: string): string {
  return remedy.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

function basePrice(form: ProductForm, pack: string, potency: string): number {
  const table: Record<string, number> = {
    'dilution|30 ml': 95,
    'dilution|100 ml': 210,
    'dilution|450 ml': 780,
    'mother tincture|30 ml': 145,
    'mother tincture|100 ml': 330,
    'globules|2 dr': 60,
    'globules|25 g': 120,
    'tablets|25 g': 110,
    'tablets|450 g': 980,
    'biochemic|25 g': 105,
    'biochemic|450 g': 920,
  };
  const base = table[`${form}|${pack}`] ?? 150;
  const high = ['1M', '10M', '50M', 'CM'].includes(potency) ? 25 : potency.startsWith('LM') ? 40 : 0;
  return base + high;
}

function brandFactor(brand: string): number {
  const index = BRANDS.indexOf(brand as (typeof BRANDS)[number]);
  return 1 + ((index * 7) % 5) * 0.04; // a plausible spread of ±20 % between houses
}

/** MRP in paise, to the nearest 50 paise as printed on Indian packs. */
function mrp(form: ProductForm, pack: string, potency: string, brand: string): number {
  return Math.round((basePrice(form, pack, potency) * brandFactor(brand) * 100) / 50) * 50;
}

function spec(remedy: string, potency: string, form: ProductForm, packSize: string, brand: string, core: boolean, taxCategory: TaxCategory = 'classical'): DemoProductSpec {
  return { remedy, potency, form, packSize, brand, taxCategory, mrpPaise: mrp(form, packSize, potency, brand), core };
}

/** Every product the generator may draw from, core range first, in a fixed order. */
export function candidateProducts(): DemoProductSpec[] {
  const core: DemoProductSpec[] = [];
  const extra: DemoProductSpec[] = [];
  const salts = new Set(TISSUE_SALTS.map((s) => s.toLowerCase()));
  for (const r of REMEDIES) {
    const isSalt = salts.has(r.name.toLowerCase());
    for (const brand of BRANDS) {
      const isCore = CORE_BRANDS.includes(brand);
      const bucket = isCore ? core : extra;
      for (const potency of DILUTION_POTENCIES) bucket.push(spec(r.name, potency, 'dilution', '30 ml', brand, isCore));
      for (const potency of ['30C', '200C']) bucket.push(spec(r.name, potency, 'dilution', '100 ml', brand, isCore));
      for (const potency of ['30C', '200C']) bucket.push(spec(r.name, potency, 'globules', '2 dr', brand, isCore));
      if (r.kind === 'plant') bucket.push(spec(r.name, 'Q', 'mother tincture', '30 ml', brand, isCore), spec(r.name, 'Q', 'mother tincture', '100 ml', brand, false));
      if (isSalt) for (const potency of ['3X', '6X', '12X', '30X']) bucket.push(spec(r.name, potency, 'biochemic', '25 g', brand, isCore), spec(r.name, potency, 'biochemic', '450 g', brand, false));
      else if (r.kind === 'mineral') for (const potency of ['3X', '6X']) bucket.push(spec(r.name, potency, 'tablets', '25 g', brand, isCore));
      for (const pack of ['30 ml', '100 ml', '450 ml']) for (const potency of EXTRA_POTENCIES) extra.push(spec(r.name, potency, 'dilution', pack, brand, false));
      extra.push(spec(r.name, '30C', 'globules', '25 g', brand, false), spec(r.name, '200C', 'globules', '25 g', brand, false));
    }
  }
  for (let n = 1; n <= 28; n += 1) {
    for (const brand of ['Dr. Willmar Schwabe India', 'SBL', 'Bakson']) core.push(spec(`Bio-Combination No. ${n}`, '6X', 'biochemic', '25 g', brand, true));
  }
  const proprietary: [string, ProductForm, string][] = [
    ['Alfalfa Tonic', 'syrup', '200 ml'], ['Five Phos', 'tablets', '25 g'], ['Calendula Ointment', 'ointment', '25 g'], ['Arnica Hair Oil', 'drops', '100 ml'],
    ['Drosera Cough Syrup', 'syrup', '100 ml'], ['Rhus Tox Ointment', 'ointment', '25 g'], ['Tonsillitis Drops', 'drops', '30 ml'], ['Sinusitis Drops', 'drops', '30 ml'],
    ['Hair Fall Drops', 'drops', '30 ml'], ['Arnica Pain Relief Gel', 'ointment', '30 g'], ['Giloy Immunity Syrup', 'syrup', '200 ml'], ['Digestive Drops', 'drops', '30 ml'],
  ];
  for (const [name, form, pack] of proprietary) {
    for (const brand of BRANDS.slice(0, 6)) {
      const item = spec(name, '', form, pack, brand, true, 'proprietary');
      item.mrpPaise = Math.round((form === 'syrup' ? 185 : form === 'ointment' ? 95 : 165) * brandFactor(brand)) * 100;
      core.push(item);
    }
  }
  return [...core, ...extra];
}
