// technique: index a DateTime by an internal field name
// expect error: TypeError: 'DateTime' object is not subscriptable
import datetime;
d = datetime.create(2024, 1, 1);
x = d["_instant"];
