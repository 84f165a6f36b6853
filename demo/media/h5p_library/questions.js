/* Coursewright's own small H5P content type for the demo courses: a few
   questions (pick one answer, or put steps in order), checked in the page,
   reported as one xAPI "answered" statement with the score, as H5P's own
   question types report. Keyboard and screen reader friendly. */
var H5P = H5P || {};
H5P.CoursewrightQuestions = (function () {
  function Questions(params, contentId) {
    H5P.EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
  }
  Questions.prototype = Object.create(H5P.EventDispatcher.prototype);
  Questions.prototype.constructor = Questions;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function choice(question, index) {
    var set = el("fieldset", "cw-q");
    set.appendChild(el("legend", null, question.text));
    question.options.forEach(function (option, n) {
      var label = el("label", "cw-option");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "cw-q" + index;
      input.value = String(n);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option));
      set.appendChild(label);
    });
    return {
      node: set,
      score: function () {
        var picked = set.querySelector("input:checked");
        return picked && Number(picked.value) === question.correct ? 1 : 0;
      },
      answered: function () { return !!set.querySelector("input:checked"); }
    };
  }

  function order(question, index) {
    var set = el("fieldset", "cw-q");
    set.appendChild(el("legend", null, question.text));
    var list = el("ol", "cw-order");
    // Shown in a fixed shuffle (each step moved two places on), so every
    // learner starts from the same muddle.
    var items = question.items.map(function (text, n) { return { text: text, n: n }; });
    var shown = items.map(function (_, n) { return items[(n + 2) % items.length]; });
    function draw() {
      list.innerHTML = "";
      shown.forEach(function (item, position) {
        var row = el("li", "cw-step");
        row.appendChild(el("span", "cw-step__text", item.text));
        [["up", "Move up", -1], ["down", "Move down", 1]].forEach(function (move) {
          var button = el("button", "cw-move", move[0] === "up" ? "\u2191" : "\u2193");
          button.type = "button";
          button.setAttribute("aria-label", move[1] + ": " + item.text);
          var target = position + move[2];
          button.disabled = target < 0 || target >= shown.length;
          button.addEventListener("click", function () {
            var swap = shown[target];
            shown[target] = shown[position];
            shown[position] = swap;
            draw();
            var again = list.querySelectorAll(".cw-step")[target];
            var same = again && again.querySelectorAll(".cw-move")[move[0] === "up" ? 0 : 1];
            if (same && !same.disabled) same.focus();
          });
          row.appendChild(button);
        });
        list.appendChild(row);
      });
    }
    draw();
    set.appendChild(list);
    return {
      node: set,
      score: function () {
        return shown.every(function (item, position) { return item.n === position; }) ? 1 : 0;
      },
      answered: function () { return true; }
    };
  }

  Questions.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container[0];
    root.innerHTML = "";
    root.classList.add("cw-questions");
    var form = el("form");
    var parts = (self.params.questions || []).map(function (question, index) {
      var part = question.kind === "order" ? order(question, index) : choice(question, index);
      form.appendChild(part.node);
      return part;
    });
    var status = el("p", "cw-status");
    status.setAttribute("role", "status");
    var check = el("button", "cw-check", "Check my answers");
    check.type = "submit";
    form.appendChild(check);
    form.appendChild(status);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!parts.every(function (part) { return part.answered(); })) {
        status.textContent = "Answer every question first.";
        return;
      }
      var score = parts.reduce(function (sum, part) { return sum + part.score(); }, 0);
      var max = parts.length;
      var pass = Math.ceil(max * (self.params.passPercentage || 50) / 100);
      var success = score >= pass;
      parts.forEach(function (part) {
        part.node.classList.toggle("cw-right", part.score() === 1);
        part.node.classList.toggle("cw-wrong", part.score() !== 1);
      });
      status.textContent = "You got " + score + " of " + max + " right. " +
        (success ? "Well done!" : "Have another look and try again.");
      self.triggerXAPIScored(score, max, "answered", true, success);
    });
    root.appendChild(form);
  };
  return Questions;
})();
