/** The shape of a translation tree with every text a string: another language must match it key for key. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };
