// Autosaves quiz answers as the learner works and counts down the time left.
// Grading and the deadline are the server's; this only keeps answers safe.
(function () {
  "use strict";
  document.querySelectorAll("form[data-quiz-attempt]").forEach((form) => {
    const savedEl = form.querySelector("[data-quiz-saved]");
    const timerEl = form.querySelector("[data-quiz-timer]");
    let pending = null;

    function answers() {
      const result = {};
      new FormData(form).forEach((value, key) => {
        if (!key.startsWith("q-")) return;
        const id = key.slice(2);
        (result[id] = result[id] || []).push(value);
      });
      return result;
    }

    function save() {
      fetch(form.dataset.saveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrfToken, Accept: "application/json" },
        body: JSON.stringify({ attempt: form.dataset.quizAttempt, answers: answers() }),
      })
        .then((response) => { savedEl.textContent = response.ok ? "Answers saved" : "Not saved: time is up"; })
        .catch(() => { savedEl.textContent = "Not saved: check your connection"; });
    }

    form.addEventListener("change", () => {
      clearTimeout(pending);
      pending = setTimeout(save, 600);
    });
    form.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(save, 1500);
    });

    if (timerEl && form.dataset.deadline) {
      const deadline = new Date(form.dataset.deadline).getTime();
      const tick = () => {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        const minutes = Math.floor(left / 60);
        const seconds = String(left % 60).padStart(2, "0");
        timerEl.textContent = left ? `Time left ${minutes}:${seconds}` : "Time is up: submit now";
        if (left) setTimeout(tick, 1000);
      };
      tick();
    }
  });
})();
