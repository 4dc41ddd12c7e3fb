// Slicing `a[start:end:step]` on arrays and strings, with Python semantics (LANGUAGE.md §4).

// --- basic forms
a = [0, 1, 2, 3, 4, 5];
print(a[1:3], a[:2], a[3:], a[:]); // expect: [1, 2] [0, 1] [3, 4, 5] [0, 1, 2, 3, 4, 5]

// --- every part optional, with two colons
a = [0, 1, 2, 3, 4, 5];
print(a[:], a[1:4], a[::2], a[1::2]); // expect: [0, 1, 2, 3, 4, 5] [1, 2, 3] [0, 2, 4] [1, 3, 5]

// --- negative positions count from the end
a = [0, 1, 2, 3, 4, 5];
print(a[-2:], a[:-2], a[-4:-1], a[1:-1]); // expect: [4, 5] [0, 1, 2, 3] [2, 3, 4] [1, 2, 3, 4]

// --- negative steps
a = [0, 1, 2, 3, 4, 5];
print(a[::-1], a[::-2], a[4:1:-1], a[-1:-4:-1]); // expect: [5, 4, 3, 2, 1, 0] [5, 3, 1] [4, 3, 2] [5, 4, 3]
print(a[:1:-1], a[2::-1], a[5:0:-2]); // expect: [5, 4, 3, 2] [2, 1, 0] [5, 3, 1]

// --- out-of-range bounds are clamped
a = [0, 1, 2, 3, 4, 5];
print(a[10:], a[-10:2], a[2:100], a[-100:100]); // expect: [] [0, 1] [2, 3, 4, 5] [0, 1, 2, 3, 4, 5]
print(a[100:-100:-1], a[3:1], a[4:4]); // expect: [5, 4, 3, 2, 1, 0] [] []

// --- a step larger than the length
a = [0, 1, 2, 3, 4, 5];
print(a[::10], a[::-10]); // expect: [0] [5]

// --- null bounds mean "omitted"
a = [0, 1, 2, 3];
print(a[null:2], a[1:null], a[null:null:-1]); // expect: [0, 1] [1, 2, 3] [3, 2, 1, 0]

// --- slice bounds may be expressions
a = [0, 1, 2, 3, 4, 5];
n = 2;
print(a[n - 1:n + 2], a[len(a) - 2:]); // expect: [1, 2, 3] [4, 5]

// --- string slices
s = "hello";
print(s[1:4], s[::-1], s[-3:], s[:0] == "", s[::2]); // expect: ell olleh llo true hlo
print("stressed"[::-1]); // expect: desserts

// --- a slice is always a copy
a = [1, 2, 3];
b = a[:];
b.append(4);
c = a[0:2];
c[0] = 9;
print(a, b, c); // expect: [1, 2, 3] [1, 2, 3, 4] [9, 2]

// --- a slice copy is shallow
a = [[1], [2]];
b = a[:];
b[0].append(9);
print(a); // expect: [[1, 9], [2]]

// --- step zero is a ValueError
a = [1, 2, 3];
x = a[::0]; // expect error: ValueError: slice step cannot be zero

// --- step zero on a string
x = "abc"[1:2:0]; // expect error: ValueError: slice step cannot be zero

// --- slicing a number
n = 5;
x = n[1:2]; // expect error: TypeError: 'number' object is not sliceable

// --- slicing an object
o = {a: 1};
x = o[0:1]; // expect error: TypeError: 'object' object is not sliceable

// --- slicing null
n = null;
x = n[:]; // expect error: TypeError: 'null' object is not sliceable

// --- a string slice bound
a = [1, 2];
x = a["x":]; // expect error: TypeError: slice indices must be integers or null

// --- a non-integer slice bound
a = [1, 2];
x = a[0.5:]; // expect error: TypeError: slice indices must be integers or null

// --- a boolean slice step
a = [1, 2];
x = a[::true]; // expect error: TypeError: slice indices must be integers or null

// --- slice then index, index then slice
rows = [[1, 2, 3], [4, 5, 6]];
print(rows[1][1:], rows[:1][0], "abc,def".split(",")[1][::-1]); // expect: [5, 6] [1, 2, 3] fed
