// technique: json.parse a nested __proto__ that would make a sub-object an admin
// expect: null ["__proto__"] true
import json;
o = json.parse('{"user": {"__proto__": {"isAdmin": true}}}');
print(o.user.isAdmin, keys(o.user), o.user["__proto__"]["isAdmin"]);
