"""keras.utils.PyDataset: batches loaded on demand from files too big for memory."""

# %% Files on disk
import math
import os
import tempfile

import keras
import numpy as np

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

# Stand-ins for a data set too big for memory: images and labels in .npy files.
(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
np.save("train_images.npy", x_train[:4000])
np.save("train_labels.npy", y_train[:4000])
np.save("val_images.npy", x_train[50000:51000])
np.save("val_labels.npy", y_train[50000:51000])
print("files:", sorted(os.listdir()))


# %% A PyDataset
class NpyBatches(keras.utils.PyDataset):
    """Reads one batch at a time from .npy files; never the whole array."""

    def __init__(self, images_file, labels_file, batch_size, **kwargs):
        super().__init__(**kwargs)  # workers, use_multiprocessing, max_queue_size
        self.images = np.load(images_file, mmap_mode="r")  # opened, not read
        self.labels = np.load(labels_file, mmap_mode="r")
        self.batch_size = batch_size

    def __len__(self):
        return math.ceil(len(self.labels) / self.batch_size)  # batches, not images

    def __getitem__(self, index):
        start = index * self.batch_size
        stop = min(start + self.batch_size, len(self.labels))
        images = self.images[start:stop].astype("float32") / 255.0  # read from disk
        return images, np.array(self.labels[start:stop])


train = NpyBatches("train_images.npy", "train_labels.npy", batch_size=64, workers=2)
validation = NpyBatches("val_images.npy", "val_labels.npy", batch_size=256)
print("training batches:", len(train), " validation batches:", len(validation))
first_x, first_y = train[0]
last_x, last_y = train[len(train) - 1]
print("first batch:", first_x.shape, first_y.shape, first_x.dtype)
print("last batch: ", last_x.shape, last_y.shape)

# %% Train on it
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
history = model.fit(train, validation_data=validation, epochs=2, verbose=2)
print("steps per epoch:", history.params["steps"])

# %% workers belongs to the PyDataset
try:
    model.fit(train, epochs=1, workers=2, verbose=2)
except TypeError as error:
    print("TypeError:", error)


class NoSuperInit(keras.utils.PyDataset):
    def __init__(self, images, labels):  # forgets super().__init__(**kwargs)
        self.images, self.labels = images, labels

    def __len__(self):
        return 1

    def __getitem__(self, index):
        return self.images, self.labels


loss, accuracy = model.evaluate(NoSuperInit(*validation[0]), verbose=0)
print(f"evaluate still ran: accuracy {accuracy:.3f}")


# %% validation_split and class_weight
try:
    model.fit(train, validation_split=0.2, epochs=1, verbose=2)
except ValueError as error:
    print("ValueError:", error)
weights = {c: 2.0 if c in (2, 6) else 1.0 for c in range(10)}  # Pullover, Shirt
history = model.fit(train, class_weight=weights, epochs=1, verbose=2)
print("class_weight with a PyDataset, steps:", history.params["steps"])
