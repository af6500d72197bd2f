;; The random forest's prediction kernel (loaded by forest-kernel.ts; `npm run generate`
;; compiles this file into forest-kernel-wasm.ts: edit this file, never that one).
;;
;; Eight walks down the trees at once: eight rows down one tree (walkTree, for batches), or one
;; row down eight trees (walkRow, for a single prediction). Eight independent chains of loads
;; keep the core busy where one walk waits on each load, and the child is chosen with `select`
;; (a conditional move), so no step depends on predicting a branch. The loop runs until no walk
;; moves, i.e. until the deepest of the eight reaches its leaf (checked every second step); a
;; leaf's right child is itself, and its feature is the NaN slot that ends every row (NaN <= t
;; is false), so a walk at a leaf stays there.
;;
;; Memory (laid out by forest-kernel.ts):
;; - nodes: 16 bytes each at byte 16·i: the threshold as the largest float32 <= it, which
;;   compares with every float32 feature as the f64 threshold does (forest-kernel.ts), then 4
;;   unused bytes (a leaf: its f64 value in those 8 bytes), the i32 byte offset of the feature
;;   within a group (feature · 32; a leaf: the NaN slot), the i32 byte address of the right child
;;   (a leaf: its own). The left child is the next node.
;; - groups of 8 rows, feature-major: feature f of lane k at group + 32·f + 4·k (float32).
;; - sums: one f64 per row, 8 per group.
;; - a single row, laid out as lane 0 of a group, then the trees' root addresses (i32), padded
;;   to a multiple of eight with a lone leaf of -0 (x + -0 is x: the padding changes no sum).
(module
  (import "forest" "memory" (memory 1))

  ;; The child that a row takes from inner node $node: left (the next node) when its feature is
  ;; <= the threshold, else right. $lane: the address of the row's first feature. At a leaf, the
  ;; leaf itself.
  (func $child (param $node i32) (param $lane i32) (result i32)
    (select
      (i32.add (local.get $node) (i32.const 16))
      (i32.load offset=12 (local.get $node))
      (f32.le
        (f32.load (i32.add (local.get $lane) (i32.load offset=8 (local.get $node))))
        (f32.load (local.get $node)))))

  ;; Adds to each row's sum the value of the leaf it reaches in the tree whose root is at byte
  ;; $root, for the groups from byte $group up to $end ($groupBytes each), sums from byte $sums.
  (func (export "walkTree") (param $root i32) (param $group i32) (param $end i32) (param $groupBytes i32) (param $sums i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $n4 i32) (local $n5 i32) (local $n6 i32) (local $n7 i32)
    (local $moved i32) (local $next i32)
    (block $done
      (loop $groups
        (br_if $done (i32.ge_u (local.get $group) (local.get $end)))
        (local.set $n0 (local.get $root)) (local.set $n1 (local.get $root))
        (local.set $n2 (local.get $root)) (local.set $n3 (local.get $root))
        (local.set $n4 (local.get $root)) (local.set $n5 (local.get $root))
        (local.set $n6 (local.get $root)) (local.set $n7 (local.get $root))
        (loop $descend
          ;; Two steps down: the first unchecked, then $moved collects the bits in which some
          ;; row's node changed in the second (0 once every row is at a leaf).
          (local.set $n0 (call $child (local.get $n0) (local.get $group)))
          (local.set $n1 (call $child (local.get $n1) (i32.add (local.get $group) (i32.const 4))))
          (local.set $n2 (call $child (local.get $n2) (i32.add (local.get $group) (i32.const 8))))
          (local.set $n3 (call $child (local.get $n3) (i32.add (local.get $group) (i32.const 12))))
          (local.set $n4 (call $child (local.get $n4) (i32.add (local.get $group) (i32.const 16))))
          (local.set $n5 (call $child (local.get $n5) (i32.add (local.get $group) (i32.const 20))))
          (local.set $n6 (call $child (local.get $n6) (i32.add (local.get $group) (i32.const 24))))
          (local.set $n7 (call $child (local.get $n7) (i32.add (local.get $group) (i32.const 28))))
          (local.set $next (call $child (local.get $n0) (local.get $group)))
          (local.set $moved (i32.xor (local.get $next) (local.get $n0)))
          (local.set $n0 (local.get $next))
          (local.set $next (call $child (local.get $n1) (i32.add (local.get $group) (i32.const 4))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n1))))
          (local.set $n1 (local.get $next))
          (local.set $next (call $child (local.get $n2) (i32.add (local.get $group) (i32.const 8))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n2))))
          (local.set $n2 (local.get $next))
          (local.set $next (call $child (local.get $n3) (i32.add (local.get $group) (i32.const 12))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n3))))
          (local.set $n3 (local.get $next))
          (local.set $next (call $child (local.get $n4) (i32.add (local.get $group) (i32.const 16))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n4))))
          (local.set $n4 (local.get $next))
          (local.set $next (call $child (local.get $n5) (i32.add (local.get $group) (i32.const 20))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n5))))
          (local.set $n5 (local.get $next))
          (local.set $next (call $child (local.get $n6) (i32.add (local.get $group) (i32.const 24))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n6))))
          (local.set $n6 (local.get $next))
          (local.set $next (call $child (local.get $n7) (i32.add (local.get $group) (i32.const 28))))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n7))))
          (local.set $n7 (local.get $next))
          (br_if $descend (local.get $moved)))
        (call $addLeaf (local.get $sums) (local.get $n0))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 8)) (local.get $n1))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 16)) (local.get $n2))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 24)) (local.get $n3))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 32)) (local.get $n4))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 40)) (local.get $n5))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 48)) (local.get $n6))
        (call $addLeaf (i32.add (local.get $sums) (i32.const 56)) (local.get $n7))
        (local.set $sums (i32.add (local.get $sums) (i32.const 64)))
        (local.set $group (i32.add (local.get $group) (local.get $groupBytes)))
        (br $groups))))

  ;; The sum of the leaf values that one row reaches, in tree order: eight trees walked at once.
  ;; $root..$end: the root addresses; $row: the row's first feature. The descent repeats
  ;; walkTree's with the lanes swapped: one function shared by both, returning the eight leaves,
  ;; measured 1.8 times slower (V8 does not inline it).
  (func (export "walkRow") (param $root i32) (param $end i32) (param $row i32) (result f64)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $n4 i32) (local $n5 i32) (local $n6 i32) (local $n7 i32)
    (local $moved i32) (local $next i32) (local $sum f64)
    (block $done
      (loop $trees
        (br_if $done (i32.ge_u (local.get $root) (local.get $end)))
        (local.set $n0 (i32.load offset=0 (local.get $root)))
        (local.set $n1 (i32.load offset=4 (local.get $root)))
        (local.set $n2 (i32.load offset=8 (local.get $root)))
        (local.set $n3 (i32.load offset=12 (local.get $root)))
        (local.set $n4 (i32.load offset=16 (local.get $root)))
        (local.set $n5 (i32.load offset=20 (local.get $root)))
        (local.set $n6 (i32.load offset=24 (local.get $root)))
        (local.set $n7 (i32.load offset=28 (local.get $root)))
        (loop $descend
          (local.set $n0 (call $child (local.get $n0) (local.get $row)))
          (local.set $n1 (call $child (local.get $n1) (local.get $row)))
          (local.set $n2 (call $child (local.get $n2) (local.get $row)))
          (local.set $n3 (call $child (local.get $n3) (local.get $row)))
          (local.set $n4 (call $child (local.get $n4) (local.get $row)))
          (local.set $n5 (call $child (local.get $n5) (local.get $row)))
          (local.set $n6 (call $child (local.get $n6) (local.get $row)))
          (local.set $n7 (call $child (local.get $n7) (local.get $row)))
          (local.set $next (call $child (local.get $n0) (local.get $row)))
          (local.set $moved (i32.xor (local.get $next) (local.get $n0)))
          (local.set $n0 (local.get $next))
          (local.set $next (call $child (local.get $n1) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n1))))
          (local.set $n1 (local.get $next))
          (local.set $next (call $child (local.get $n2) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n2))))
          (local.set $n2 (local.get $next))
          (local.set $next (call $child (local.get $n3) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n3))))
          (local.set $n3 (local.get $next))
          (local.set $next (call $child (local.get $n4) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n4))))
          (local.set $n4 (local.get $next))
          (local.set $next (call $child (local.get $n5) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n5))))
          (local.set $n5 (local.get $next))
          (local.set $next (call $child (local.get $n6) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n6))))
          (local.set $n6 (local.get $next))
          (local.set $next (call $child (local.get $n7) (local.get $row)))
          (local.set $moved (i32.or (local.get $moved) (i32.xor (local.get $next) (local.get $n7))))
          (local.set $n7 (local.get $next))
          (br_if $descend (local.get $moved)))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n0))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n1))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n2))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n3))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n4))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n5))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n6))))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $n7))))
        (local.set $root (i32.add (local.get $root) (i32.const 32)))
        (br $trees)))
    (local.get $sum))

  ;; sum += the value of the leaf at $leaf (f64, in tree order: the same sum as a plain walk).
  (func $addLeaf (param $sum i32) (param $leaf i32)
    (f64.store (local.get $sum) (f64.add (f64.load (local.get $sum)) (f64.load (local.get $leaf))))))
