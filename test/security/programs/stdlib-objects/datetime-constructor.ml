// technique: read the constructor of a stdlib instance (a DateTime) to reach its JavaScript class
// expect: DateTime
// expect error: AttributeError: 'DateTime' object has no attribute 'constructor'
import datetime;
d = datetime.create(2024, 1, 1);
print(typeof(d));
c = d.constructor;
