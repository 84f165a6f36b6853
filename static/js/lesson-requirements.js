// Keeps the lesson's checklist of requirements up to date without a reload.
// Every script that reports to the server (video, H5P, AI tools) announces
// the server's answer as a "coursewright:lesson-state" event; the server
// alone decides what is done.
(function () {
  "use strict";
  const panel = document.querySelector("[data-lesson-progress]");
  if (!panel) return;
  const status = panel.querySelector("[data-completion-status]");

  document.addEventListener("coursewright:lesson-state", (event) => {
    const state = event.detail || {};
    (state.requirements || []).forEach((item) => {
      const row = panel.querySelector(`[data-requirement="${CSS.escape(item.id)}"]`);
      if (!row) return;
      const label = row.querySelector("[data-requirement-state]");
      row.classList.toggle("requirement--done", item.done);
      row.querySelector(".requirement__mark").textContent = item.done ? "✓" : "○";
      label.textContent = item.done ? label.dataset.doneText : label.dataset.todoText;
      row.querySelector("[data-requirement-detail]").textContent = item.detail || "";
    });
    if (state.lesson_completed && status && !panel.dataset.completed) {
      panel.dataset.completed = "true";
      status.textContent = "✓ " + (panel.dataset.completedText || "Lesson complete.");
      const form = panel.querySelector("form");
      if (form) form.remove();
      // The next lesson waited for this one: it is open now.
      const next = document.querySelector("[data-opens-with-this-lesson]");
      if (next) {
        const link = document.createElement("a");
        link.className = "lesson-nav__link lesson-nav__link--next";
        link.rel = "next";
        link.href = next.dataset.opensWithThisLesson;
        const label = document.createElement("span");
        label.className = "lesson-nav__label";
        label.textContent = next.dataset.nextLabel;
        link.append(label, " " + next.dataset.nextTitle);
        next.replaceWith(link);
      }
      // The syllabus beside the lesson shows it done as well.
      const item = document.querySelector(".lesson-sidebar__list a[aria-current=page]");
      const icon = item && item.querySelector(".status-icon");
      if (icon) {
        item.parentElement.classList.replace("lesson-sidebar__item--open", "lesson-sidebar__item--completed");
        icon.className = "status-icon status-icon--done";
        icon.textContent = "✓";
        icon.setAttribute("role", "img");
        icon.setAttribute("aria-label", panel.dataset.completedLabel || "Completed");
        icon.removeAttribute("aria-hidden");
      }
    }
  });
})();
