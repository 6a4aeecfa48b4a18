// dateline's few behaviours: select an item to light up and scroll to its evidence, and a
// tooltip for hovered marks. Text goes in with textContent only, never as HTML.
"use strict";

(function () {
  const SELECTED = ["sel", "sel-sentence", "sel-trigger", "sel-actor", "sel-recipient"];

  function clearSelection() {
    for (const name of SELECTED) {
      for (const el of document.querySelectorAll("." + name)) el.classList.remove(name);
    }
  }

  function byWord(attr, id) {
    // ids are like V12 or E3: safe in a selector, but escape them anyway
    return document.querySelectorAll("[data-" + attr + "~=\"" + CSS.escape(id) + "\"]");
  }

  function mark(elements, name) {
    for (const el of elements) el.classList.add(name);
    return elements.length ? elements[0] : null;
  }

  function selectEvent(item) {
    const id = item.dataset.select;
    const sentences = byWord("sentence-of", id);
    mark(sentences, "sel-sentence");
    const roles = [["actors", "sel-actor"], ["recipients", "sel-recipient"]];
    for (const [list, name] of roles) {
      for (const entity of (item.dataset[list] || "").split(" ").filter(Boolean)) {
        for (const sentence of sentences) {
          mark(sentence.querySelectorAll("[data-entity=\"" + CSS.escape(entity) + "\"]"), name);
        }
      }
    }
    return mark(byWord("events", id), "sel-trigger");
  }

  function select(id, scroll) {
    const item = document.getElementById("item-" + id);
    if (!item) return;
    clearSelection();
    item.classList.add("sel");
    let target = null;
    const kind = item.dataset.kind;
    if (kind === "event") target = selectEvent(item);
    else if (kind === "quote") target = mark(byWord("quote", id), "sel");
    else if (kind === "time") target = mark(byWord("time", id), "sel");
    else if (kind === "amount") target = mark(byWord("amount", id), "sel");
    else if (kind === "entity") target = mark(byWord("entity", id), "sel");
    if (target && scroll) target.scrollIntoView({ block: "center" });
    item.scrollIntoView({ block: "nearest" });
  }

  function onItem(event) {
    const item = event.target.closest(".item[data-select]");
    if (!item || event.target.closest("a")) return;
    const id = item.dataset.select;
    history.replaceState(null, "", "#" + id);
    select(id, true);
  }

  function showTip(event) {
    const tip = document.getElementById("tip");
    const el = event.target.closest("[data-tip]");
    if (!tip) return;
    if (!el) {
      tip.hidden = true;
      return;
    }
    tip.textContent = el.dataset.tip;
    const box = el.getBoundingClientRect();
    tip.style.left = Math.round(window.scrollX + box.left) + "px";
    tip.style.top = Math.round(window.scrollY + box.bottom + 4) + "px";
    tip.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const lists = document.querySelector(".items");
    if (lists) {
      lists.addEventListener("click", onItem);
      lists.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onItem(event);
        }
      });
    }
    const text = document.getElementById("text");
    if (text) {
      text.addEventListener("mouseover", showTip);
      text.addEventListener("mouseleave", function () {
        document.getElementById("tip").hidden = true;
      });
    }
    if (location.hash.length > 1) select(decodeURIComponent(location.hash.slice(1)), true);
  });
})();
