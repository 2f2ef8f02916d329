// Live Markdown preview for the editor's forms. Without JavaScript the form's "Preview" button does the same by a post.
(function () {
    "use strict";
    document.querySelectorAll("textarea[data-preview]").forEach(function (textarea) {
        var region = document.getElementById(textarea.getAttribute("data-preview"));
        var form = textarea.form;
        if (!region || !form) { return; }
        var tokenInput = form.querySelector("input[name='__RequestVerificationToken']");
        var timer = null;
        var target = region.querySelector(".prose") || region;
        function refresh() {
            var body = new FormData();
            body.append("markdown", textarea.value);
            if (tokenInput) { body.append("__RequestVerificationToken", tokenInput.value); }
            fetch("/editor/preview", { method: "POST", body: body, credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
                .then(function (html) {
                    // The server returns sanitised HTML (HtmlSanitizer), the same as readers get.
                    var holder = document.createElement("div");
                    holder.innerHTML = html;
                    region.hidden = false;
                    region.querySelectorAll(":scope > :not(h2)").forEach(function (n) { n.remove(); });
                    while (holder.firstChild) { region.appendChild(holder.firstChild); }
                })
                .catch(function () { /* the Preview button still works */ });
        }
        textarea.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(refresh, 400);
        });
        void target;
    });
})();
