package io.github.session4j;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The live {@code keySet()}, {@code values()} and {@code entrySet()} views of a {@link Session}.
 * They read and write the session's content directly and report every removal and every
 * {@code Entry.setValue} to a {@link Tracker}, so changes made through views, their iterators and
 * their entries are validated and recorded like direct ones.
 */
final class SessionViews {

    /** Receives the mutations made through the views. */
    interface Tracker {

        /**
         * Called before a view writes a value: validates it and records the write.
         *
         * @param key the key written
         * @param value the new value
         * @throws SessionEncodingException when the value cannot be stored (nothing is changed)
         */
        void beforeSet(String key, Object value);

        /**
         * Called after a view removed a present key.
         *
         * @param key the key removed
         */
        void removed(String key);
    }

    private final Map<String, Object> content;
    private final Tracker tracker;
    private final Set<String> keySet = new KeySet();
    private final Collection<Object> values = new Values();
    private final Set<Map.Entry<String, Object>> entrySet = new EntrySet();

    /**
     * Creates the views.
     *
     * @param content the session's live content
     * @param tracker who validates and records the mutations
     */
    SessionViews(Map<String, Object> content, Tracker tracker) {
        this.content = content;
        this.tracker = tracker;
    }

    Set<String> keySet() {
        return keySet;
    }

    Collection<Object> values() {
        return values;
    }

    Set<Map.Entry<String, Object>> entrySet() {
        return entrySet;
    }

    private boolean removeKey(Object key) {
        if (key instanceof String k && content.containsKey(k)) {
            content.remove(k);
            tracker.removed(k);
            return true;
        }
        return false;
    }

    private final class KeySet extends AbstractSet<String> {
        @Override
        public Iterator<String> iterator() {
            return new TrackingIterator<>(Map.Entry::getKey);
        }

        @Override
        public int size() {
            return content.size();
        }

        @Override
        public boolean contains(Object o) {
            return content.containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
            return removeKey(o);
        }
    }

    private final class Values extends AbstractCollection<Object> {
        @Override
        public Iterator<Object> iterator() {
            return new TrackingIterator<>(Map.Entry::getValue);
        }

        @Override
        public int size() {
            return content.size();
        }

        @Override
        public boolean contains(Object o) {
            return content.containsValue(o);
        }
    }

    private final class EntrySet extends AbstractSet<Map.Entry<String, Object>> {
        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new TrackingIterator<>(TrackingEntry::new);
        }

        @Override
        public int size() {
            return content.size();
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && content.containsKey(e.getKey())
                    && Objects.equals(content.get(e.getKey()), e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            return contains(o) && removeKey(((Map.Entry<?, ?>) o).getKey());
        }
    }

    /** Iterates the content; {@code remove()} is reported to the tracker. */
    private final class TrackingIterator<T> implements Iterator<T> {
        private final Iterator<Map.Entry<String, Object>> entries = content.entrySet().iterator();
        private final Function<Map.Entry<String, Object>, T> view;
        private String lastKey;

        TrackingIterator(Function<Map.Entry<String, Object>, T> view) {
            this.view = view;
        }

        @Override
        public boolean hasNext() {
            return entries.hasNext();
        }

        @Override
        public T next() {
            Map.Entry<String, Object> entry = entries.next();
            lastKey = entry.getKey();
            return view.apply(entry);
        }

        @Override
        public void remove() {
            entries.remove();
            tracker.removed(lastKey);
        }
    }

    /** An entry that writes through to the content; {@code setValue} is validated and recorded. */
    private final class TrackingEntry implements Map.Entry<String, Object> {
        private final Map.Entry<String, Object> entry;

        TrackingEntry(Map.Entry<String, Object> entry) {
            this.entry = entry;
        }

        @Override
        public String getKey() {
            return entry.getKey();
        }

        @Override
        public Object getValue() {
            return entry.getValue();
        }

        @Override
        public Object setValue(Object value) {
            tracker.beforeSet(entry.getKey(), value);
            return entry.setValue(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
