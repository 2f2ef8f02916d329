// Drag and drop to order a section's articles. Without JavaScript the ↑ ↓ buttons do the same.
(function () {
    "use strict";
    var token = document.querySelector("input[name='__RequestVerificationToken']");
    document.querySelectorAll("ol[data-reorder-section]").forEach(function (list) {
        var dragged = null;
        list.querySelectorAll("li[data-article-id]").forEach(function (item) {
            item.setAttribute("draggable", "true");
            item.addEventListener("dragstart", function () { dragged = item; item.classList.add("dragging"); });
            item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
            item.addEventListener("dragover", function (e) {
                e.preventDefault();
                if (!dragged || dragged === item) { return; }
                var box = item.getBoundingClientRect();
                list.insertBefore(dragged, e.clientY < box.top + box.height / 2 ? item : item.nextSibling);
            });
        });
        list.addEventListener("drop", function (e) {
            e.preventDefault();
            if (!dragged) { return; }
            dragged = null;
            var form = document.createElement("form");
            form.method = "post";
            form.action = location.pathname + "?handler=Arrange";
            function field(name, value) {
                var input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
            field("Op", "ReorderArticles");
            field("SectionId", list.getAttribute("data-reorder-section"));
            list.querySelectorAll("li[data-article-id]").forEach(function (li) { field("Order", li.getAttribute("data-article-id")); });
            if (token) { field("__RequestVerificationToken", token.value); }
            document.body.appendChild(form);
            form.submit();
        });
    });
})();
