// Benchmark forms: Wenzhou's eight rows, and a portal profile with the maximum of 100 categories.
export function wideProfile(rows = 100) {
  return {
    id: `bench-${rows}`,
    extends: "zhejiang-wenzhou-2021",
    daily_report: { categories: Array.from({ length: rows }, (_, i) => ({ id: `c${i}`, label: `类别${i}` })) },
  };
}

export const NOW = "2021-06-22T15:40:00+08:00";
