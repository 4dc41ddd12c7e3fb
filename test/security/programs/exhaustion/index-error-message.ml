// technique: search an array for a DAG so the ValueError message renders it
// limits: maxStringLength=100000
// expect error: ValueError: <array longer than 1000 characters> is not in list
a = [1];
for (i in range(15)) {
  a = [a, a];
}
[1].index(a);
