// technique: reach toJSON and __proto__ of a DateTime, through dot and getattr with a default
// expect: none none false
// expect error: AttributeError: 'DateTime' object has no attribute 'toJSON'
import datetime;
d = datetime.create(2024, 1, 1);
print(getattr(d, "__proto__", "none"), getattr(d, "prototype", "none"), hasattr(d, "toJSON"));
j = d.toJSON;
