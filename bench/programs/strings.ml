function main() {
  s = "";
  for (i in range(100000)) {
    s = s + str(i % 10) + ",";
  }
  parts = [];
  for (i in range(100000)) {
    parts.append("item" + str(i));
  }
  joined = "-".join(parts);
  return len(s) + len(joined) + len(joined.upper().replace("ITEM", "x"));
}
