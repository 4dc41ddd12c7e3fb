export function main() {
  let s = "";
  for (let i = 0; i < 100000; i++) {
    s = s + String(i % 10) + ",";
  }
  const parts = [];
  for (let i = 0; i < 100000; i++) {
    parts.push("item" + String(i));
  }
  const joined = parts.join("-");
  return s.length + joined.length + joined.toUpperCase().replaceAll("ITEM", "x").length;
}
