// One page of a list, as every list answers: which page, how large, how many match in all, and the
// rows of this page in the list's own shape.

/** The page a list is asked for; pages count from 1. */
export interface PageQuery {
  page: number;
  pageSize: number;
}

/** Rows to skip and to take for one page, in the terms the stores' queries use. */
export interface PageWindow {
  skip: number;
  take: number;
}

export interface Page<Item> {
  page: number;
  pageSize: number;
  total: number;
  items: Item[];
}

/** Counts and reads the page's rows together, then shows each row as `show` says. */
export async function pageOf<Row, Item>(
  q: PageQuery,
  count: () => Promise<number>,
  find: (window: PageWindow) => Promise<Row[]>,
  show: (row: Row) => Item,
): Promise<Page<Item>> {
  const [total, rows] = await Promise.all([count(), find({ skip: (q.page - 1) * q.pageSize, take: q.pageSize })]);
  // One argument only: a view with an optional second parameter must not receive the row's index.
  return { page: q.page, pageSize: q.pageSize, total, items: rows.map((row) => show(row)) };
}
