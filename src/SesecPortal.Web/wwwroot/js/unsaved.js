// Leaving an editor's form with unsaved changes asks first (the browser's own "Leave site?" question). Sending the
// form, by any of its buttons, is not leaving it. Without JavaScript nothing changes.
(function () {
    "use strict";
    var forms = document.querySelectorAll("form.edit-form");
    if (forms.length === 0) { return; }
    var dirty = false;
    forms.forEach(function (form) {
        form.addEventListener("input", function () { dirty = true; });
        form.addEventListener("change", function () { dirty = true; });
        form.addEventListener("submit", function () { dirty = false; });
    });
    window.addEventListener("beforeunload", function (event) {
        if (!dirty) { return; }
        event.preventDefault();
        event.returnValue = "";
    });
})();
