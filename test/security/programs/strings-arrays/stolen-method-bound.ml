// technique: detach an array method and store it on an object, hoping it acts on the object as this
// expect: {"items": []} [5]
a = [];
o = {"items": [], "append": a.append};
o.append(5);
print({"items": o.items}, a);
