// technique: destructure __proto__ out of a fresh object, hoping to receive Object.prototype
// expect error: KeyError: __proto__
{__proto__} = {};
