/** App API methods of Stocktake count sheets, variance, posting (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Paise } from '../money.js';
import type { VarianceReport } from '../stocktake.js';

export type StocktakeStatus = 'counting' | 'posted' | 'cancelled';

/** A count sheet in a list. */
export interface StocktakeSummary {
  stocktakeId: string;
  brand: string;
  /** null = every form of the brand. */
  form: string | null;
  status: StocktakeStatus;
  /** ISO instant of the snapshot: the expected quantities are the system's at this instant. */
  snapshotAt: string;
  startedBy: string;
  postedAt: string | null;
  postedBy: string | null;
  lines: number;
  counted: number;
}

/** One batch on a sheet. */
export interface StocktakeLineView {
  batchId: string;
  productId: string;
  name: string;
  sku: string;
  barcode: string | null;
  batchNo: string;
  expiry: string;
  expectedQty: number;
  countedQty: number | null;
  costPaise: Paise;
  mrpPaise: Paise;
}

export interface StocktakeSheet extends StocktakeSummary {
  items: StocktakeLineView[];
  report: VarianceReport;
}

export interface StocktakeBrand {
  brand: string;
  forms: string[];
  products: number;
}

export interface StocktakeApi {
  /** Pharmacist, manager or admin: brands (with their forms) a sheet can be started for. */
  'stocktake.brands': { args: Record<string, never>; result: StocktakeBrand[] };
  /** Pharmacist, manager or admin: the latest sheets, open ones first. */
  'stocktake.list': { args: Record<string, never>; result: StocktakeSummary[] };
  /** Pharmacist, manager or admin: starts a sheet for a brand (optionally one form); the snapshot is now. */
  'stocktake.start': { args: { brand: string; form?: string | null }; result: StocktakeSheet };
  'stocktake.get': { args: { stocktakeId: string }; result: StocktakeSheet };
  /** Types a count for one batch (null clears it); answers that line (the screen recomputes the report). */
  'stocktake.count': { args: { stocktakeId: string; batchId: string; countedQty: number | null }; result: StocktakeLineView };
  /** A scanned barcode: +1 on that product's batch (`batchId`, or the FEFO default); answers that line. */
  'stocktake.scan': { args: { stocktakeId: string; barcode: string; batchId?: string | null }; result: StocktakeLineView };
  /**
   * Manager or admin (or a pharmacist with a manager's PIN): posts every counted line as
   * counted − expected in ONE transaction with ONE `stock.counted` mutation.
   */
  'stocktake.post': { args: { stocktakeId: string; managerStaffId?: string | null; managerPin?: string | null }; result: StocktakeSheet };
  'stocktake.cancel': { args: { stocktakeId: string }; result: StocktakeSheet };
}

export const STOCKTAKE_METHODS: readonly (keyof StocktakeApi)[] = [
  'stocktake.brands',
  'stocktake.list',
  'stocktake.start',
  'stocktake.get',
  'stocktake.count',
  'stocktake.scan',
  'stocktake.post',
  'stocktake.cancel',
];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type StocktakeErrorCode =
  | 'stocktake.unknown'
  | 'stocktake.closed'
  | 'stocktake.empty'
  | 'stocktake.nothing_counted'
  | 'stocktake.not_on_sheet';
