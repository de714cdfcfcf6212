package io.github.session4j.sample.boot;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages. Everything a visitor keeps lives in the {@link HttpSession}: the note under
 * {@code note}, the cart under {@code cart} (item name to quantity). A changed value is put back
 * with {@code setAttribute}, which is what tells any session store that it changed.
 */
@Controller
class ShopController {

    static final List<String> CATALOG = List.of("Darjeeling", "Assam", "Sencha", "Rooibos");

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(HttpSession session, Model model) {
        model.addAttribute("note", session.getAttribute("note"));
        model.addAttribute("items", cart(session).values().stream().mapToInt(Integer::intValue).sum());
        return "home";
    }

    @GetMapping("/note")
    String note(HttpSession session, Model model) {
        model.addAttribute("note", session.getAttribute("note"));
        return "note";
    }

    @PostMapping("/note")
    String saveNote(@RequestParam("note") String note, HttpSession session) {
        session.setAttribute("note", note);
        return "redirect:/note";
    }

    @GetMapping("/cart")
    String cart(HttpSession session, Model model) {
        model.addAttribute("cart", cart(session));
        model.addAttribute("catalog", CATALOG);
        return "cart";
    }

    @PostMapping("/cart")
    String addToCart(@RequestParam("item") String item, HttpSession session) {
        if (!CATALOG.contains(item)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such item: " + item);
        }
        Map<String, Integer> cart = new LinkedHashMap<>(cart(session));
        cart.merge(item, 1, Integer::sum);
        session.setAttribute("cart", cart);
        return "redirect:/cart";
    }

    @PostMapping("/cart/empty")
    String emptyCart(HttpSession session) {
        session.removeAttribute("cart");
        return "redirect:/cart";
    }

    @GetMapping("/admin")
    String admin() {
        return "admin";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> cart(HttpSession session) {
        Object cart = session.getAttribute("cart");
        return cart == null ? Map.of() : (Map<String, Integer>) cart;
    }
}
