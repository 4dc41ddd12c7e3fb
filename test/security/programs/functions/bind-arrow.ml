// technique: bind an arrow function to a fake this
// expect error: AttributeError: 'function' object has no attribute 'bind'
g = (fn(x) => x).bind({});
