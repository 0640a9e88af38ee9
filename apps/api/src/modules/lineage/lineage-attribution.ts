/**
 * The VietMap Administrative Data License (data/reference/LICENSE-vietmap.txt) asks a service built on
 * its data to say so; every API answer built on the lineage carries this.
 */
export const LINEAGE_ATTRIBUTION = {
  text: 'Administrative data provided by VietMap',
  textVi: 'Dữ liệu hành chính được cung cấp bởi VietMap',
  license: 'VietMap Administrative Data License (data/reference/LICENSE-vietmap.txt)',
  url: 'https://github.com/vietmap-company/vietnam_administrative_address',
} as const;
