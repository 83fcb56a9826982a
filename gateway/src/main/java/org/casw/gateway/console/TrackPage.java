package org.casw.gateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.casw.gateway.api.ConsignmentTimeline;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One-click tracking in the browser: a party sees the steps of its own documents carrying the key and other
 * parties' milestones on its consignment (the rule is {@link ConsignmentTimeline}'s); an operator sees every document.
 */
@Controller
@ConsolePage
class TrackPage {

    /** The first steps shown; a longer timeline says how many more there are. */
    static final int STEPS = 500;

    /** One line of the timeline: a step of one's own document, or another party's milestone. */
    public record Entry(Instant at, ConsignmentTimeline.Step step, ConsignmentTimeline.Milestone milestone) {
    }

    private final ConsignmentTimeline timeline;

    TrackPage(ConsignmentTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/console/track")
    String track(@RequestParam(required = false) String key, Authentication who, Model model) {
        String trimmed = key == null ? "" : key.trim();
        model.addAttribute("key", trimmed);
        if (trimmed.isEmpty() || trimmed.length() > 128) {
            return "console/track";
        }
        Viewer viewer = Viewer.of(who);
        List<ConsignmentTimeline.Step> steps = timeline.steps(viewer.party(), trimmed, 0, STEPS);
        List<ConsignmentTimeline.Milestone> milestones = viewer.operator() ? List.of() : timeline.milestones(viewer.party(), trimmed);
        // one timeline: the party's own steps and, marked, the others' milestones on its consignment
        List<Entry> entries = new ArrayList<>();
        steps.forEach(step -> entries.add(new Entry(step.at(), step, null)));
        milestones.forEach(milestone -> entries.add(new Entry(milestone.occurredAt(), null, milestone)));
        entries.sort(Comparator.comparing(Entry::at));
        model.addAttribute("entries", entries);
        model.addAttribute("more", Math.max(0, timeline.stepCount(viewer.party(), trimmed) - steps.size()));
        model.addAttribute("searched", true);
        return "console/track";
    }
}
