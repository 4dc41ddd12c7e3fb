// technique: throw a DAG so the runtime renders it into the error message
// limits: maxStringLength=100000
// expect error: Error: <array longer than 1000 characters>
a = [1];
for (i in range(15)) {
  a = [a, a];
}
throw a;
